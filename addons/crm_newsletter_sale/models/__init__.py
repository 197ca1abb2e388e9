from . import crm_newsletter_segment
