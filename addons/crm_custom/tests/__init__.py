from . import test_access_roles
from . import test_lead_visibility
from . import test_invoice_link
from . import test_tour_salesperson
from . import test_system_tags
from . import test_qualification
from . import test_lead_status
from . import test_sales_process
