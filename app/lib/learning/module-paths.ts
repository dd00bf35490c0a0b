/** The app's pages of the self-learning modules. */
export const modulesPath = '/learn/modules';
export const modulePath = (moduleId: string): string => `${modulesPath}/${encodeURIComponent(moduleId)}`;
export const lessonPath = (moduleId: string, lessonId: string): string => `${modulePath(moduleId)}/lessons/${encodeURIComponent(lessonId)}`;
export const quizPath = (moduleId: string): string => `${modulePath(moduleId)}/quiz`;
export const certificatePath = (requestId: string): string => `/learn/certificates/${encodeURIComponent(requestId)}`;
export const verifyPath = (code?: string): string => (code ? `/verify?code=${encodeURIComponent(code)}` : '/verify');
