from . import test_sale_invoice_link
