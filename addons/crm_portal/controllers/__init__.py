from . import portal
from . import form
