/** The app's pages of the self-learning modules. */
export const modulesPath = '/learn/modules';
export const modulePath = (moduleId: string): string => `${modulesPath}/${encodeURIComponent(moduleId)}`;
export const lessonPath = (moduleId: string, lessonId: string): string =>
  `${modulePath(moduleId)}/lessons/${encodeURIComponent(lessonId)}`;
export const quizPath = (moduleId: string): string => `${modulePath(moduleId)}/quiz`;
export const certificatePath = (requestId: string): string => `/learn/certificates/${encodeURIComponent(requestId)}`;
/** The verification page; with `code` (even empty, as the form sends it) it checks that code. */
export const verifyPath = (code?: string): string =>
  code === undefined ? '/verify' : `/verify?code=${encodeURIComponent(code)}`;
