/**
 * The small amount of astronomy the lunisolar calendar needs: true new moons, the Sun's apparent
 * longitude, ΔT, and Julian day numbers. Pure functions, no I/O.
 *
 * Sources (public formulas, written for this project):
 * - Jean Meeus, *Astronomical Algorithms*, 2nd ed. (Willmann-Bell, 1998):
 *   ch. 7 (Julian day), ch. 25 (solar coordinates, low-accuracy method, ~0.01°),
 *   ch. 49 (phases of the Moon: mean new moon, periodic terms, additional planetary corrections).
 * - F. Espenak & J. Meeus, *Five Millennium Canon of Solar Eclipses: −1999 to +3000*
 *   (NASA/TP-2006-214141), section 2.6: polynomial expressions for ΔT = TD − UT.
 *
 * Times are Julian days. "JDE" is in Dynamical Time (TD), "JD" in Universal Time (UT).
 */

import { sunApparentLongitudeHigh } from './astronomy-vsop87.js';

/**
 * Apparent geocentric longitude of the Sun in degrees [0, 360) for a JDE: Meeus ch. 25,
 * higher-accuracy method (VSOP87), about 1″. See {@link sunApparentLongitudeLowAccuracy} for the
 * short formula.
 */
export const sunApparentLongitude: (jde: number) => number = sunApparentLongitudeHigh;

const RAD = Math.PI / 180;
const sin = (deg: number): number => Math.sin(deg * RAD);

/** Julian day of J2000.0 (2000 January 1.5 TD). */
export const J2000 = 2451545.0;

/** Reduces an angle in degrees to [0, 360). */
export function normalizeDegrees(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r;
}

/**
 * Julian day number (the integer day count, noon-based) of a proleptic Gregorian calendar date.
 * Integer arithmetic only, valid for any date after −4713.
 */
export function julianDayNumber(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return (
    day +
    Math.floor((153 * m + 2) / 5) +
    365 * y +
    Math.floor(y / 4) -
    Math.floor(y / 100) +
    Math.floor(y / 400) -
    32045
  );
}

/** Inverse of {@link julianDayNumber}: the proleptic Gregorian date of a Julian day number. */
export function fromJulianDayNumber(jdn: number): { year: number; month: number; day: number } {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    year: 100 * b + d - 4800 + Math.floor(m / 10),
    month: m + 3 - 12 * Math.floor(m / 10),
    day: e - Math.floor((153 * m + 2) / 5) + 1,
  };
}

/**
 * ΔT = TD − UT in seconds for a decimal year, from the Espenak & Meeus (2006) polynomials.
 * Only the branches from 1800 to 2150 and the long-term parabola are implemented; the calendar
 * needs 1899–2102. (The 2005–2050 branch was a prediction and runs a few seconds high for the
 * 2020s, which is negligible here.)
 */
export function deltaT(y: number): number {
  if (y < 1800 || y >= 2150) {
    const u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 1860) {
    const t = y - 1800;
    return (
      13.72 -
      0.332447 * t +
      0.0068612 * t ** 2 +
      0.0041116 * t ** 3 -
      0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 -
      0.0000001699 * t ** 6 +
      0.000000000875 * t ** 7
    );
  }
  if (y < 1900) {
    const t = y - 1860;
    return (
      7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174
    );
  }
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - y);
}

/** Decimal year of a Julian day (close enough for ΔT, which changes by < 1 s a year). */
function decimalYear(jd: number): number {
  return 2000 + (jd - J2000) / 365.25;
}

/** Dynamical Time → Universal Time. */
export function jdeToJd(jde: number): number {
  return jde - deltaT(decimalYear(jde)) / 86400;
}

/** Universal Time → Dynamical Time. */
export function jdToJde(jd: number): number {
  return jd + deltaT(decimalYear(jd)) / 86400;
}

/** Mean synodic month in days (Meeus eq. 49.1). */
export const SYNODIC_MONTH = 29.530588861;

/** JDE of the mean new moon of lunation k = 0 (2000 January 6), Meeus eq. 49.1. */
const NEW_MOON_EPOCH = 2451550.09766;

/**
 * Lunation number k of the new moon nearest to a Julian day (k = 0 is the new moon of 2000 January 6;
 * Meeus eq. 49.2 with k an integer for new moons).
 */
export function lunationNear(jd: number): number {
  return Math.round((jd - NEW_MOON_EPOCH) / SYNODIC_MONTH);
}

// Additional corrections for the planetary arguments A1..A14 (Meeus ch. 49):
// [constant, coefficient of k, amplitude in days]; A1 also has a T² term handled separately.
const PLANETARY: ReadonlyArray<readonly [number, number, number]> = [
  [299.77, 0.107408, 0.000325],
  [251.88, 0.016321, 0.000165],
  [251.83, 26.651886, 0.000164],
  [349.42, 36.412478, 0.000126],
  [84.66, 18.206239, 0.00011],
  [141.74, 53.303771, 0.000062],
  [207.14, 2.453732, 0.00006],
  [154.84, 7.30686, 0.000056],
  [34.52, 27.261239, 0.000047],
  [207.19, 0.121824, 0.000042],
  [291.34, 1.844379, 0.00004],
  [161.72, 24.198154, 0.000037],
  [239.56, 25.513099, 0.000035],
  [331.55, 3.592518, 0.000023],
];

/**
 * JDE (Dynamical Time) of the true new moon of integer lunation k, Meeus ch. 49:
 * mean phase (49.1), the arguments E, M, M′, F, Ω, the new-moon periodic terms, and the
 * 14 additional planetary corrections. Accuracy: a few seconds of time against ELP-2000/82.
 */
export function newMoonJde(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const T4 = T3 * T;
  const mean = NEW_MOON_EPOCH + SYNODIC_MONTH * k + 0.00015437 * T2 - 0.00000015 * T3 + 0.00000000073 * T4;
  const E = 1 - 0.002516 * T - 0.0000074 * T2;
  const M = 2.5534 + 29.1053567 * k - 0.0000014 * T2 - 0.00000011 * T3;
  const Mp = 201.5643 + 385.81693528 * k + 0.0107582 * T2 + 0.00001238 * T3 - 0.000000058 * T4;
  const F = 160.7108 + 390.67050284 * k - 0.0016118 * T2 - 0.00000227 * T3 + 0.000000011 * T4;
  const Om = 124.7746 - 1.56375588 * k + 0.0020672 * T2 + 0.00000215 * T3;

  const periodic =
    -0.4072 * sin(Mp) +
    0.17241 * E * sin(M) +
    0.01608 * sin(2 * Mp) +
    0.01039 * sin(2 * F) +
    0.00739 * E * sin(Mp - M) -
    0.00514 * E * sin(Mp + M) +
    0.00208 * E * E * sin(2 * M) -
    0.00111 * sin(Mp - 2 * F) -
    0.00057 * sin(Mp + 2 * F) +
    0.00056 * E * sin(2 * Mp + M) -
    0.00042 * sin(3 * Mp) +
    0.00042 * E * sin(M + 2 * F) +
    0.00038 * E * sin(M - 2 * F) -
    0.00024 * E * sin(2 * Mp - M) -
    0.00017 * sin(Om) -
    0.00007 * sin(Mp + 2 * M) +
    0.00004 * sin(2 * Mp - 2 * F) +
    0.00004 * sin(3 * M) +
    0.00003 * sin(Mp + M - 2 * F) +
    0.00003 * sin(2 * Mp + 2 * F) -
    0.00003 * sin(Mp + M + 2 * F) +
    0.00003 * sin(Mp - M + 2 * F) -
    0.00002 * sin(Mp - M - 2 * F) -
    0.00002 * sin(3 * Mp + M) +
    0.00002 * sin(4 * Mp);

  let planetary = 0;
  for (let i = 0; i < PLANETARY.length; i++) {
    const [c, dk, amp] = PLANETARY[i]!;
    const arg = i === 0 ? c + dk * k - 0.009173 * T2 : c + dk * k;
    planetary += amp * sin(arg);
  }
  return mean + periodic + planetary;
}

/**
 * Apparent geocentric longitude of the Sun in degrees [0, 360), referred to the true equinox of date,
 * for a JDE (Dynamical Time). Meeus ch. 25, low-accuracy method (eqs. 25.2–25.4 and the nutation and
 * aberration correction λ = ☉ − 0.00569° − 0.00478° sin Ω): accurate to about 0.01°.
 */
export function sunApparentLongitudeLowAccuracy(jde: number): number {
  const T = (jde - J2000) / 36525;
  const T2 = T * T;
  const L0 = 280.46646 + 36000.76983 * T + 0.0003032 * T2;
  const M = 357.52911 + 35999.05029 * T - 0.0001537 * T2;
  const C =
    (1.914602 - 0.004817 * T - 0.000014 * T2) * sin(M) +
    (0.019993 - 0.000101 * T) * sin(2 * M) +
    0.000289 * sin(3 * M);
  const omega = 125.04 - 1934.136 * T;
  return normalizeDegrees(L0 + C - 0.00569 - 0.00478 * sin(omega));
}

/**
 * JDE at which the Sun's apparent longitude equals `target` degrees, searching from a first guess
 * `jde0` that must lie within a few weeks of the answer. Newton-like iteration using the Sun's mean
 * motion (360° per 365.2422 days); converges to well under a second in a few steps.
 */
export function jdeOfSunLongitude(target: number, jde0: number): number {
  let jde = jde0;
  for (let i = 0; i < 20; i++) {
    // signed difference in (−180, 180]
    const diff = normalizeDegrees(target - sunApparentLongitude(jde) + 180) - 180;
    const step = (diff * 365.2422) / 360;
    jde += step;
    if (Math.abs(step) < 1e-7) break;
  }
  return jde;
}
