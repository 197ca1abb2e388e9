from . import test_jalali_funnel
from . import test_jalali_group_by
from . import test_tour_jalali_reports
