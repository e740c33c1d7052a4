// LWC unit tests (`make test` runs them): sfdx-lwc-jest's configuration, which stubs the
// lightning/* and @salesforce/* modules.
const { jestConfig } = require("@salesforce/sfdx-lwc-jest/config");

module.exports = { ...jestConfig, testPathIgnorePatterns: ["/node_modules/"] };
