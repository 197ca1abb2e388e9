from . import test_jalali_tools
from . import test_reader_preferences
from . import test_tour_jalali
from . import test_jalali_group_by
