from . import test_website_block
from . import test_captcha
