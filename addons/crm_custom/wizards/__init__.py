from . import crm_custom_field_delete
from . import crm_sales_process_load
