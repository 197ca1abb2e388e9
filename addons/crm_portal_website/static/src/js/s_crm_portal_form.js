/** @odoo-module **/
// The CRM form block of a website page: shows the chosen form's own page in a
// frame of the page's language, sized to its content by form_embed.js (the
// same script the snippet for other sites uses), so the visitor posts and
// reads the thank-you message without leaving the page.
import publicWidget from "@web/legacy/js/public/public_widget";

publicWidget.registry.CrmPortalFormBlock = publicWidget.Widget.extend({
    selector: ".s_crm_portal_form[data-crm-form]",
    disabledInEditableMode: false,

    start() {
        const slug = this.el.dataset.crmForm;
        const holder = this.el.querySelector(".o_crm_portal_form_frame");
        if (!slug || !holder || !/^[\w-]+$/.test(slug)) {
            return this._super(...arguments);
        }
        const lang = (document.documentElement.lang || "").replace("-", "_");
        const frame = document.createElement("iframe");
        frame.src = `/forms/${encodeURIComponent(slug)}?embed=1&form_lang=${encodeURIComponent(lang)}`;
        frame.dataset.crmForm = slug;
        frame.title = this.el.dataset.name || slug;
        frame.className = "o_crm_portal_form_iframe w-100 border-0";
        frame.style.minHeight = "20rem";
        this.frame = frame;
        this.placeholder = holder.firstElementChild;
        holder.replaceChildren(frame);
        return this._super(...arguments);
    },

    destroy() {
        // The page is saved with the form's address, not with the frame.
        if (this.frame) {
            if (this.placeholder) {
                this.frame.replaceWith(this.placeholder);
            } else {
                this.frame.remove();
            }
            this.frame = null;
        }
        this._super(...arguments);
    },
});

export default publicWidget.registry.CrmPortalFormBlock;
