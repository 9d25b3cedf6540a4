// The PREVIEW_SECRET of the suite's server (playwright.config.ts), with which the preview tests
// run `npm run preview-link` as an editor would.
export const E2E_PREVIEW_SECRET = 'e2e-preview-secret-not-for-production-0123456789';
