"""The Web API's settings (DRF and drf-spectacular), imported by settings.py.

The API answers under the same rules as the pages: `filings/access.py` decides who sees and
changes what, whether the request comes with the browser's session (and its CSRF token) or
with a personal token (`Authorization: Token <key>`).
"""

from .env import env_int, env_rate

REST_FRAMEWORK = {
    # The token first: DRF answers a missing or revoked credential with the first class's
    # `WWW-Authenticate` header, so a script is told 401 (not 403) and which scheme to use.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": env_int("API_PAGE_SIZE", 100, minimum=1),
    # Per user, and so per token (one token per user): a province's script that runs away
    # is slowed down without slowing anyone else.
    "DEFAULT_THROTTLE_CLASSES": [
        "filings.api.throttling.AnonRateThrottle",
        "filings.api.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_rate("API_THROTTLE_ANON", "60/minute"),
        "user": env_rate("API_THROTTLE_USER", "600/minute"),
    },
    "EXCEPTION_HANDLER": "filings.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "1+X证书制度试点报送平台 API",
    "DESCRIPTION": (
        "各省级教育行政部门的系统报送试点院校（附件2），职教所读取全国汇总。"
        "权限与网页相同：报送单位只能读写本单位的汇总表，审核人员只读并审核。"
        "认证：浏览器会话（附 CSRF），或个人令牌 `Authorization: Token <令牌>`。"
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # The documentation page's files come from the sidecar package, served by the portal.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # 401 and 429 documented on every operation that can answer them.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "certificates.api.errors.document_common_errors",
    ],
}
