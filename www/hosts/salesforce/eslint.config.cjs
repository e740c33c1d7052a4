// The Case page component, linted with Salesforce's recommended LWC rules. Its jest tests
// drive wire adapters and timers by hand, as tests must, so those two rules stay off there.
const lwcConfig = require("@salesforce/eslint-config-lwc");
const jest = require("eslint-plugin-jest");

module.exports = [
  ...lwcConfig.configs.recommended,
  {
    files: ["**/__tests__/**/*.js"],
    plugins: { jest },
    languageOptions: { globals: jest.environments.globals.globals },
    rules: {
      "@lwc/lwc/no-async-operation": "off",
      "@lwc/lwc/no-unexpected-wire-adapter-usages": "off",
    },
  },
];
