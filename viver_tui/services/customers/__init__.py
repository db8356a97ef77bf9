"""The customer register: validate, register, correct — and what each role sees of it.

- ``validation``: the form as typed (``CustomerInput``) and its check: phone, e-mail
  and org. number normalised, every field's text cleaned.
- ``viewing``: a customer as a role may see them: the card, the search, their orders.
- ``saving``: register and correct — duplicates, the optimistic lock, the access log.

Callers use ``from viver_tui.services import customers`` and the names below.

Finding customers lives in ``services/search.py``; ``search``, ``CustomerHit`` and the
key writers are re-exported here for the callers that use them. Screens search through
``search_for``, which applies the viewer's role.

**Roles.** The functions that hand customer data to a screen (``search_for``, ``get``,
``open_card``) take the person the call is made for (``roles.Who``: the signed-in
StaffView, or a system job; a bare string raises). Production staff get names and orders
only: phone, e-mail, address, postal code, city and org. number come back as None, and their
search finds customers by name or order/medium code only (a phone number or e-mail
typed would otherwise tell whose it is). ``save`` refuses them. The rule is here, in
the services, so no screen can forget it. The customer's language (of the e-mails they
get, ``services/mail``) is no contact detail, but production sees names only: it comes
back as None for them too.

**Language.** ``"nb"`` (bokmål, the default) or ``"en"``: the language of every e-mail
to the customer. Stored as ``Customer.language`` ``"en"`` or NULL (bokmål), so the
rows from before the choice existed read as bokmål.
"""

from __future__ import annotations

from viver_tui.services.customers.saving import (
    FORM_FIELDS,
    CustomerChanged,
    DuplicatesFound,
    Saved,
    field_names,
    find_duplicates,
    input_from_view,
    register,
    save,
    update,
)
from viver_tui.services.customers.validation import (
    KINDS,
    LANGUAGES,
    CustomerInput,
    normalize_email,
    normalize_org_number,
    normalize_phone,
    validate,
)
from viver_tui.services.customers.viewing import (
    CONTACT_FIELDS,
    CustomerCard,
    CustomerView,
    OrderSummary,
    customer_orders,
    for_viewer,
    get,
    hit_for_viewer,
    language_of,
    open_card,
    record_list_shown,
    search_for,
)
from viver_tui.services.search import (
    SEARCH_LIMIT,
    CustomerHit,
    normalize_text,
    search,
    tokens_for,
    write_tokens,
)

__all__ = [
    "CONTACT_FIELDS",
    "FORM_FIELDS",
    "KINDS",
    "LANGUAGES",
    "SEARCH_LIMIT",
    "CustomerCard",
    "CustomerChanged",
    "CustomerHit",
    "CustomerInput",
    "CustomerView",
    "DuplicatesFound",
    "OrderSummary",
    "Saved",
    "customer_orders",
    "field_names",
    "find_duplicates",
    "for_viewer",
    "get",
    "hit_for_viewer",
    "input_from_view",
    "language_of",
    "normalize_email",
    "normalize_org_number",
    "normalize_phone",
    "normalize_text",
    "open_card",
    "record_list_shown",
    "register",
    "save",
    "search",
    "search_for",
    "tokens_for",
    "update",
    "validate",
    "write_tokens",
]
