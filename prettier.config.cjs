// Prettier settings of the OCA's 18.0 repositories (oca-addons-repo-template,
// src/prettier.config.cjs), so our files read like the OCA's.
// "preserve" keeps the whitespace of XML text (QWeb, mail bodies, <pre>) as
// written and only re-indents between elements: see README, "Lint".
/** @type {import('prettier').Config} */
const config = {
    plugins: [require.resolve("@prettier/plugin-xml")],
    bracketSpacing: false,
    printWidth: 88,
    proseWrap: "always",
    semi: true,
    trailingComma: "es5",
    xmlWhitespaceSensitivity: "preserve",
};

module.exports = config;
