from . import crm_custom_field_delete
from . import crm_sales_process_load
from . import crm_tag_merge
from . import crm_customer_event_log
from . import crm_lead_lost
from . import crm_settings
from . import crm_lead_invoice_link
