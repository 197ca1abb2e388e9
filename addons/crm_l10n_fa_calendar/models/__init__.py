from . import res_partner
from . import res_users
from . import res_company
from . import ir_http
from . import ir_qweb_field_date
from . import ir_qweb_field_datetime
from . import mail_render_mixin
