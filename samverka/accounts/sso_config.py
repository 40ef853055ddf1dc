"""Settings of municipal sign-in, built from environment variables when settings load.

Paths of the SAML2 endpoints here must match accounts/sso_urls.py (mounted at /sso/).
"""

import shutil

SAML2_ACS_PATH = "/sso/saml2/acs/"
SAML2_LS_PATH = "/sso/saml2/ls/"


def saml_config(*, entity_id: str, base_url: str, key_file: str, cert_file: str,
                idp_metadata_file: str = "", idp_metadata_url: str = "",
                idp_metadata_cert: str = "") -> dict:
    """pysaml2's SP configuration: signed requests (HTTP-Redirect), signed assertions (POST)."""
    from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
    from saml2.saml import NAMEID_FORMAT_PERSISTENT

    metadata: dict = {}
    if idp_metadata_file:
        metadata["local"] = [idp_metadata_file]
    if idp_metadata_url:
        remote = {"url": idp_metadata_url}
        if idp_metadata_cert:
            remote["cert"] = idp_metadata_cert
        metadata["remote"] = [remote]
    base_url = base_url.rstrip("/")
    return {
        "xmlsec_binary": shutil.which("xmlsec1") or "/usr/bin/xmlsec1",
        "entityid": entity_id,
        "allow_unknown_attributes": True,
        "service": {"sp": {
            "name": "Samverka",
            "name_id_format": NAMEID_FORMAT_PERSISTENT,
            "endpoints": {
                "assertion_consumer_service": [(base_url + SAML2_ACS_PATH, BINDING_HTTP_POST)],
                "single_logout_service": [(base_url + SAML2_LS_PATH, BINDING_HTTP_REDIRECT)],
            },
            "authn_requests_signed": True,
            "want_assertions_signed": True,
            "want_response_signed": False,
            "allow_unsolicited": False,
        }},
        "metadata": metadata,
        "key_file": key_file,
        "cert_file": cert_file,
        "encryption_keypairs": [{"key_file": key_file, "cert_file": cert_file}],
    }
