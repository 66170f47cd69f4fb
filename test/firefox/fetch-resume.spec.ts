/** Fetch and XHR clients that resume with a new request, in Firefox: the claims shared with Chromium. */
import { fetchResumeSpecs } from '../support/specs/fetch-resume';
import { test } from './fixtures';

fetchResumeSpecs(test);
