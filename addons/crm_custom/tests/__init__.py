from . import test_access_roles
from . import test_lead_visibility
from . import test_invoice_link
from . import test_tour_salesperson
from . import test_system_tags
from . import test_workflow_pipeline
from . import test_funnel
from . import test_campaign_cost
