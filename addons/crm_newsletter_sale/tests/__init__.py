from . import test_sale_segment
