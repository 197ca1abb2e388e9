"""Asterisk Manager Interface (AMI) bridge for the crm_telephony addon.

Standard library only. Importable as ``ami_bridge`` (with ``addons/crm_telephony``
on ``sys.path``) or as a subpackage; every internal import is relative.
"""
