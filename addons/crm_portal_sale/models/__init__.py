from . import crm_portal_request
