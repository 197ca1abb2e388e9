from . import crm_funnel_report
from . import crm_lost_reason_report
from . import crm_tag_usage_report
from . import crm_campaign_report
