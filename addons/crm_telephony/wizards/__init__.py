from . import crm_phone_api_key_secret
