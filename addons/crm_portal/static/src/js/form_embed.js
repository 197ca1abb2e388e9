/* Sizes the iframes of CRM public forms on any site to their content.
 * Plain script (no framework): loaded by the snippet copied from the form. */
(function () {
    "use strict";
    window.addEventListener("message", function (event) {
        var data = event.data;
        if (
            !data ||
            typeof data !== "object" ||
            data.type !== "crm-portal-form-height"
        ) {
            return;
        }
        var frames = document.querySelectorAll("iframe[data-crm-form]");
        for (var i = 0; i < frames.length; i++) {
            if (frames[i].contentWindow === event.source) {
                var height = parseInt(data.height, 10);
                if (height > 0 && height < 20000) {
                    frames[i].style.height = height + "px";
                }
            }
        }
    });
})();
