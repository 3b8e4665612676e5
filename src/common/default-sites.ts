/**
 * Consultation sites protected out of the box: telehealth and medical Q&A platforms where
 * patients upload photos of symptoms. Match patterns as in the manifest; a unit test keeps
 * this list and `manifest.json` in step.
 */
export const DEFAULT_SITES: readonly string[] = [
  // Doctors Me: Japanese medical Q&A where patients post symptom photos to doctors.
  'https://doctors-me.com/*',
  'https://www.doctors-me.com/*',
  // Ubie: Japanese symptom checker and doctor consultation.
  'https://ubie.app/*',
  // LINE Doctor / CLINICS / curon: Japanese online clinic visits with photo upload.
  'https://clinics.medley.life/*',
  'https://curon.co/*',
  // Teladoc Health: US telehealth visits, dermatology photo uploads.
  'https://member.teladoc.com/*',
  // MDLIVE: US telehealth, including dermatology photo submissions.
  'https://www.mdlive.com/*',
  // Amwell: US telehealth visits with attachments.
  'https://amwell.com/*',
  'https://www.amwell.com/*',
  // First Derm / AI Dermatologist style services: "send a photo of your skin" consultations.
  'https://www.firstderm.com/*',
  // DermatologistOnCall: US online dermatology visits built around photo uploads.
  'https://dermatologistoncall.com/*',
  // JustAnswer: paid Q&A with doctors, photo attachments common.
  'https://www.justanswer.com/*',
  // Practo: Indian doctor consultations with photo upload in chat.
  'https://www.practo.com/*',
  // Doctolib: French/German appointments and video consultations with document sharing.
  'https://www.doctolib.fr/*',
  // Qare: French teleconsultation.
  'https://www.qare.fr/*',
  // Babylon / eMed: UK app-based GP consultations (web portal).
  'https://www.emed.com/*',
];
