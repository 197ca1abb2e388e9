/* Inside a CRM public form shown in an iframe: tell the embedding page the
 * height of the form whenever it changes. */
(function () {
    "use strict";
    if (window.parent === window) {
        return;
    }
    function send() {
        window.parent.postMessage(
            {
                type: "crm-portal-form-height",
                height: document.documentElement.scrollHeight,
            },
            "*"
        );
    }
    window.addEventListener("load", send);
    if (window.ResizeObserver) {
        new ResizeObserver(send).observe(document.documentElement);
    }
})();
