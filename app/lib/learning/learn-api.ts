/**
 * The learning repository's API calls use the app's one API client; these names stay for the learning services.
 */
export { apiRequest as learnRequest, parseJsonAnswer, readJsonAnswer, refusalMessages } from '$lib/services/api';
