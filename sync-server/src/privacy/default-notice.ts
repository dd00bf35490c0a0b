/**
 * The privacy notice of a fresh install: an honest description of what MOP itself does, with the places an admin
 * must complete (who the controller is, how to reach them). Admins edit it in the app (Admin → Privacy); each change
 * is a new version that people acknowledge at sign-up.
 */
export const DEFAULT_PRIVACY_NOTICE = `# Privacy notice

**Who is responsible.** [The organisation running this platform, its address, and the contact of its data-protection
officer. An admin completes this under Admin → Privacy.]

**What we keep.** Your account (name, e-mail address, language, time zone, a hashed password), the programmes you take
part in, your matching questionnaire, and what you and your mentoring partner write in your pair's workspace (notes,
messages, sessions, goals, reflections, pinned links and files). Coordinators see your programme membership, your
questionnaire and your pair's progress (how many sessions, steps and goals), never your pair's notes or messages.

**Why.** To run the mentoring programme you joined: matching mentors and mentees, letting each pair work together,
and reporting anonymous figures to the programme's funder.

**Where.** On this platform's own server. Nothing is sent to other companies except e-mails, through the mail server
the organisation chose.

**How long.** Until the programme is archived, then for the retention period the admin set (a year unless said
otherwise); then it is erased automatically. A pair's deleted notes stay in the bin for 30 days.

**Your rights.** In your account settings you can download all your data, correct it, and delete your account. When
you delete your account, what you wrote alone in your pair is removed; sessions you scheduled stay for your partner,
shown as by "a former member". You can also see when a coordinator or admin looked at your data. You may complain to
your data-protection authority.
`;

/** The imprint of a fresh install: to be completed by an admin. */
export const DEFAULT_IMPRINT = `# Imprint

[The organisation running this platform: name, address, registration, contact. An admin completes this under
Admin → Privacy.]

This platform runs MOP, the Mentoring Online Platform (open source, AGPL-3.0).
`;
