/** The app's pages of the self-learning modules. */
export const modulesPath = '/learn/modules';
export const modulePath = (moduleId: string): string => `${modulesPath}/${encodeURIComponent(moduleId)}`;
export const lessonPath = (moduleId: string, lessonId: string): string =>
  `${modulePath(moduleId)}/lessons/${encodeURIComponent(lessonId)}`;
export const quizPath = (moduleId: string): string => `${modulePath(moduleId)}/quiz`;
export const certificatePath = (requestId: string): string => `/learn/certificates/${encodeURIComponent(requestId)}`;
/**
 * The verification page; with `code` it checks that code: `/verify/<code>`, the address printed on a certificate, or
 * `/verify?code=` for an empty one (as the form sends it).
 */
export const verifyPath = (code?: string): string =>
  code === undefined ? '/verify' : code === '' ? '/verify?code=' : `/verify/${encodeURIComponent(code)}`;
