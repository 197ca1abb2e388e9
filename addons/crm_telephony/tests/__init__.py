from . import test_pbx_extension
from . import test_phone_normalization
from . import test_call_events
from . import test_call_access
from . import test_click_to_dial
from . import test_webhook_api
from . import test_tour_caller_popup
from . import test_settings
