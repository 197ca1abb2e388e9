from . import account_move
from . import crm_lead
from . import crm_stage
from . import crm_tag
from . import mail_message
from . import res_config_settings
from . import res_groups
