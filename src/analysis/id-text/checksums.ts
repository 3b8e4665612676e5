/**
 * Check digits of national numbers. A 12-digit number alone is common (order numbers,
 * phone numbers); one whose check digit holds is far more likely an Aadhaar or My Number.
 */

// Verhoeff tables (dihedral group D5), as used by Aadhaar.
const D = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
  [2, 3, 4, 0, 1, 7, 8, 9, 5, 6], [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
  [4, 0, 1, 2, 3, 9, 5, 6, 7, 8], [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
  [6, 5, 9, 8, 7, 1, 0, 4, 3, 2], [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
  [8, 7, 6, 5, 9, 3, 2, 1, 0, 4], [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const P = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
  [5, 8, 0, 3, 7, 9, 6, 1, 4, 2], [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
  [9, 4, 5, 3, 1, 2, 8, 7, 6, 0], [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
  [2, 7, 9, 3, 8, 0, 6, 4, 1, 5], [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/** True when the digit string (check digit last) passes Verhoeff. */
export function verhoeffValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let c = 0;
  const reversed = digits.split('').reverse();
  reversed.forEach((ch, i) => {
    c = D[c]?.[P[i % 8]?.[Number(ch)] ?? 0] ?? 0;
  });
  return c === 0;
}

/**
 * Luhn (ISO/IEC 7812-1), the check digit of every payment card number: from the right,
 * every second digit doubled (9 subtracted past 9), the sum a multiple of ten.
 */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * A payment card number: 13–19 digits, the first naming a card network's range (2 Mastercard,
 * 3 Amex/JCB/Diners, 4 Visa, 5 Mastercard/Maestro, 6 Discover/UnionPay/Maestro; 1, 7, 8, 9 and
 * 0 start airline, petroleum, health and national numbers instead), Luhn check digit.
 */
export function isCardNumber(digits: string): boolean {
  return /^[2-6]\d{12,18}$/.test(digits) && luhnValid(digits);
}

/** Aadhaar: 12 digits, never starting with 0 or 1, Verhoeff check digit. */
export function isAadhaar(digits: string): boolean {
  return /^[2-9]\d{11}$/.test(digits) && verhoeffValid(digits);
}

/**
 * Japanese My Number (個人番号): 12 digits, the last a mod-11 check over the first 11
 * with weights 6,5,4,3,2,7,6,5,4,3,2 from the left.
 */
export function isMyNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
  let sum = 0;
  weights.forEach((w, i) => {
    sum += w * Number(digits[i]);
  });
  const r = sum % 11;
  const check = r <= 1 ? 0 : 11 - r;
  return check === Number(digits[11]);
}
