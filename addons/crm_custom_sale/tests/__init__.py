from . import test_sale_invoice_link
from . import test_support_order_status
