export { confirmConsent, rejectConsent } from "./consent-confirm";
export { consentRedirectUri, createConsentLink } from "./consent-link";
export { consentRefusalMessage, consentRefusalMessages, ConsentRefused } from "./consent-refusals";
export { receiveConsentAnswer } from "./consent-return";
export { type ConsentAnswerView, lastConsentAnswer, openConsentLink, type OpenConsentLinkView } from "./consent-view";
export { saveProviderApp } from "./provider-app-commands";
