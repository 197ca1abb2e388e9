/* Public form with Odoo's reCAPTCHA configured (google_recaptcha): fetch a
 * token for the "crm_portal_form" action before the form is sent; the server
 * checks it with Odoo's own _verify_request_recaptcha_token. */
(function () {
    "use strict";
    document.addEventListener("submit", function (event) {
        var form = event.target;
        var key = form.dataset && form.dataset.captchaKey;
        if (!key || form.dataset.captchaDone || !window.grecaptcha) {
            return;
        }
        event.preventDefault();
        window.grecaptcha.ready(function () {
            window.grecaptcha
                .execute(key, {action: "crm_portal_form"})
                .then(function (token) {
                    form.querySelector("input[name=recaptcha_token_response]").value =
                        token;
                    form.dataset.captchaDone = "1";
                    form.submit();
                });
        });
    });
})();
