from . import test_portal_access
from . import test_request
from . import test_steps
from . import test_portal_http
from . import test_tour
from . import test_access_roles
from . import test_form_http
from . import test_form_access
