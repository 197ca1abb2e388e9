from . import crm_campaign_cost_report
