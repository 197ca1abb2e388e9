from . import test_request_sale_order
