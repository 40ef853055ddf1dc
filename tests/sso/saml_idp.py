"""A SAML2 identity provider in the test process: pysaml2's own Server, with keys and
certificates made for the test and metadata exchanged with the app's service provider."""

import base64
import datetime
import shutil
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import Config, IdPConfig
from saml2.metadata import entity_descriptor
from saml2.saml import AUTHN_PASSWORD_PROTECTED, NAME_FORMAT_URI, NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from samverka.accounts.sso_config import saml_config

IDP_ENTITY_ID = "https://idp.kommun.test/saml2/idp"
IDP_SSO_URL = "https://idp.kommun.test/saml2/sso"
SP_BASE_URL = "http://testserver"
SP_ENTITY_ID = f"{SP_BASE_URL}/sso/saml2/metadata/"


def key_and_cert(directory, name: str) -> tuple[str, str]:
    """A fresh RSA key and self-signed certificate as PEM files in DIRECTORY."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=30))
            .sign(key, hashes.SHA256()))
    key_file, cert_file = directory / f"{name}.key", directory / f"{name}.crt"
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.TraditionalOpenSSL,
                                           serialization.NoEncryption()))
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return str(key_file), str(cert_file)


def idp_config(key_file, cert_file, metadata_file=None) -> dict:
    config = {
        "entityid": IDP_ENTITY_ID,
        "xmlsec_binary": shutil.which("xmlsec1"),
        "service": {"idp": {
            "endpoints": {"single_sign_on_service": [(IDP_SSO_URL, BINDING_HTTP_REDIRECT)]},
            "name_id_format": [NAMEID_FORMAT_PERSISTENT],
            "policy": {"default": {"lifetime": {"minutes": 15},
                                   "attribute_restrictions": None, "name_form": NAME_FORMAT_URI}},
        }},
        "key_file": key_file,
        "cert_file": cert_file,
    }
    if metadata_file:
        config["metadata"] = {"local": [metadata_file]}
    return config


def metadata_xml(config_class, config: dict) -> str:
    loaded = config_class()
    loaded.load(dict(config))
    return str(entity_descriptor(loaded))


class IdentityProvider:
    """The IdP and the SP settings (SAML_CONFIG) that trust it, in DIRECTORY."""

    def __init__(self, directory):
        idp_key, idp_cert = key_and_cert(directory, "idp")
        sp_key, sp_cert = key_and_cert(directory, "sp")
        idp_metadata = directory / "idp-metadata.xml"
        idp_metadata.write_text(metadata_xml(IdPConfig, idp_config(idp_key, idp_cert)))
        sp_without_metadata = saml_config(entity_id=SP_ENTITY_ID, base_url=SP_BASE_URL,
                                          key_file=sp_key, cert_file=sp_cert)
        sp_metadata = directory / "sp-metadata.xml"
        sp_metadata.write_text(metadata_xml(Config, sp_without_metadata))
        self.sp_settings = saml_config(entity_id=SP_ENTITY_ID, base_url=SP_BASE_URL,
                                       key_file=sp_key, cert_file=sp_cert,
                                       idp_metadata_file=str(idp_metadata))
        config = IdPConfig()
        config.load(idp_config(idp_key, idp_cert, str(sp_metadata)))
        self.server = Server(config=config)

    def answer(self, redirect_url: str, subject: str, attributes: dict) -> dict:
        """Sign the user in: the POST the browser would send to the app's ACS."""
        assert redirect_url.startswith(IDP_SSO_URL)
        query = {key: values[0] for key, values in parse_qs(urlsplit(redirect_url).query).items()}
        request = self.server.parse_authn_request(query["SAMLRequest"], BINDING_HTTP_REDIRECT)
        response_args = self.server.response_args(request.message, [BINDING_HTTP_POST])
        response = self.server.create_authn_response(
            identity=attributes, userid=subject,
            name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=subject),
            authn={"class_ref": AUTHN_PASSWORD_PROTECTED, "authn_auth": IDP_ENTITY_ID},
            sign_assertion=True, sign_response=True, **response_args)
        return {"SAMLResponse": base64.b64encode(str(response).encode()).decode(),
                "RelayState": query.get("RelayState", "")}
