from . import test_items
from . import test_layouts
from . import test_marketing_access
from . import test_newsletter_access
from . import test_newsletter_http
from . import test_newsletter_tour
from . import test_segments
from . import test_sending
