from . import tag_name
