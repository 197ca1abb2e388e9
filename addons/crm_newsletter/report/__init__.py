from . import crm_newsletter_report
