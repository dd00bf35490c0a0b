import { API_PATH } from './protocol.ts';

const seg = encodeURIComponent;
const programme = (id: string) => `${API_PATH}/programmes/${seg(id)}`;
const topic = (programmeId: string, topicId: string) => `${programme(programmeId)}/topics/${seg(topicId)}`;
const post = (programmeId: string, topicId: string, postId: string) =>
  `${topic(programmeId, topicId)}/posts/${seg(postId)}`;
const matchRequest = (id: string) => `${API_PATH}/match-requests/${seg(id)}`;
const run = (programmeId: string, runId: string) => `${programme(programmeId)}/matching/runs/${seg(runId)}`;
const resource = (id: string) => `${API_PATH}/resources/${seg(id)}`;
const pack = (id: string) => `${API_PATH}/packs/${seg(id)}`;
const collection = (id: string) => `${API_PATH}/collections/${seg(id)}`;
const pairFiles = (mentorshipId: string) => `${API_PATH}/mentorships/${seg(mentorshipId)}/files`;

/**
 * Every REST path, built in one place for both ends: the app requests them, the server writes some into its answers
 * (file URLs, calendar feeds). Each segment is URI-encoded. The server mounts the same paths as Hono patterns
 * (`/packs/:id`); its `api-paths.test.ts` checks that every path built here reaches a mounted route.
 */
export const apiPaths = {
  health: () => `${API_PATH}/health`,
  login: () => `${API_PATH}/auth/login`,
  logout: () => `${API_PATH}/auth/logout`,
  me: () => `${API_PATH}/me`,
  mentorships: () => `${API_PATH}/mentorships`,
  catalogue: () => `${API_PATH}/catalogue`,

  programmes: () => `${API_PATH}/programmes`,
  participants: (programmeId: string) => `${programme(programmeId)}/participants`,
  matchingSettings: (programmeId: string) => `${programme(programmeId)}/matching/settings`,
  matchingRuns: (programmeId: string) => `${programme(programmeId)}/matching/runs`,
  matchingRun: run,
  publishMatchingRun: (programmeId: string, runId: string) => `${run(programmeId, runId)}/publish`,
  availableMentors: (programmeId: string) => `${programme(programmeId)}/mentors/available`,
  programmeMentors: (programmeId: string) => `${programme(programmeId)}/mentors`,
  programmeMatchRequests: (programmeId: string) => `${programme(programmeId)}/match-requests`,
  matchRequests: () => `${API_PATH}/match-requests`,
  acceptMatchRequest: (id: string) => `${matchRequest(id)}/accept`,
  declineMatchRequest: (id: string) => `${matchRequest(id)}/decline`,

  programmeProgress: (programmeId: string) => `${programme(programmeId)}/progress`,
  topics: (programmeId: string) => `${programme(programmeId)}/topics`,
  topic,
  topicReplies: (programmeId: string, topicId: string) => `${topic(programmeId, topicId)}/replies`,
  hidePost: (programmeId: string, topicId: string, postId: string) => `${post(programmeId, topicId, postId)}/hide`,
  reportPost: (programmeId: string, topicId: string, postId: string) => `${post(programmeId, topicId, postId)}/report`,
  post,

  pairFileUpload: (mentorshipId: string, name: string) => `${pairFiles(mentorshipId)}?name=${seg(name)}`,
  pairFile: (mentorshipId: string, fileId: string) => `${pairFiles(mentorshipId)}/${seg(fileId)}`,
  sessionIcs: (mentorshipId: string, sessionId: string) =>
    `${API_PATH}/mentorships/${seg(mentorshipId)}/sessions/${seg(sessionId)}/ics`,
  calendarToken: () => `${API_PATH}/calendar/token`,
  calendarFeed: (token: string) => `${API_PATH}/calendar/feed/${seg(token)}.ics`,

  resources: () => `${API_PATH}/resources`,
  resource,
  retireResource: (id: string) => `${resource(id)}/retire`,
  resourceFile: (resourceId: string, name: string) => `${resource(resourceId)}/files/${seg(name)}`,
  resourceFileUpload: (resourceId: string, name: string) => `${resource(resourceId)}/files?name=${seg(name)}`,
  collections: () => `${API_PATH}/collections`,
  collection,
  collectionOrder: () => `${API_PATH}/collections/order`,
  retireCollection: (id: string) => `${collection(id)}/retire`,
  restoreCollection: (id: string) => `${collection(id)}/restore`,
  starterLibrary: () => `${API_PATH}/starter-library`,
  installStarterLibrary: () => `${API_PATH}/starter-library/install`,
  removeStarterLibrary: () => `${API_PATH}/starter-library/remove`,
  packs: () => `${API_PATH}/packs`,
  pack,
  publishPack: (id: string) => `${pack(id)}/publish`,
  packZip: (id: string) => `${pack(id)}/zip`,
  moduleCertificates: (moduleId: string) => `${API_PATH}/modules/${seg(moduleId)}/certificates`,
  certificate: (code: string) => `${API_PATH}/certificates/${seg(code)}`,

  accountExport: () => `${API_PATH}/account/export`,
  accountDeletion: () => `${API_PATH}/account/delete`,
  accountAccessLog: () => `${API_PATH}/account/access-log`,
  notificationPreferences: () => `${API_PATH}/account/notifications`,
  /** The one-click unsubscribe endpoint (RFC 8058): POST with the token in the query, no session needed. */
  unsubscribe: (token?: string) => `${API_PATH}/notifications/unsubscribe${token ? `?token=${seg(token)}` : ''}`,
  adminUserExport: (userId: string) => `${API_PATH}/admin/users/${seg(userId)}/export`,
  adminUserErasure: (userId: string) => `${API_PATH}/admin/users/${seg(userId)}/erase`,
  adminAccessLog: () => `${API_PATH}/admin/access-log`,
  platformSettings: () => `${API_PATH}/admin/platform`,
  privacyNotice: () => `${API_PATH}/privacy`,
  privacySettings: () => `${API_PATH}/admin/privacy`,
  programmeRetention: (programmeId: string) => `${API_PATH}/admin/programmes/${seg(programmeId)}/retention`,
  privacyAcknowledgement: () => `${API_PATH}/account/privacy-acknowledgement`,
  endMentorship: (mentorshipId: string) => `${API_PATH}/mentorships/${seg(mentorshipId)}/end`,
  unpublishMentorship: (mentorshipId: string) => `${API_PATH}/mentorships/${seg(mentorshipId)}/unpublish`,
  mentorshipWithdrawn: (mentorshipId: string) => `${API_PATH}/mentorships/${seg(mentorshipId)}/withdrawn`,
  mentorshipFeedback: (mentorshipId: string) => `${API_PATH}/mentorships/${seg(mentorshipId)}/feedback`,
  feedbackQuestions: (programmeId: string) => `${programme(programmeId)}/feedback-questions`,
  programmeFeedback: (programmeId: string) => `${programme(programmeId)}/feedback`,
  programmeReport: (programmeId: string) => `${programme(programmeId)}/report`,
  programmeReportExport: (programmeId: string, format: 'csv' | 'xlsx') => `${programme(programmeId)}/report.${format}`,
  reports: () => `${API_PATH}/reports`,
  pairRecordErasure: (mentorshipId: string) => `${API_PATH}/mentorships/${seg(mentorshipId)}/erase-record`,
  learningState: () => `${API_PATH}/me/learning`,
  learningProgress: (moduleId: string) => `${API_PATH}/me/learning/progress/${seg(moduleId)}`
} as const;
