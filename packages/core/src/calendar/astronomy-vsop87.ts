/**
 * The Sun's apparent longitude by the higher-accuracy method of Meeus, *Astronomical Algorithms*
 * (2nd ed., 1998), ch. 25: the Earth's heliocentric longitude from the truncated VSOP87 series
 * (Bretagnon & Francou 1988) as tabulated in Meeus's Appendix III, the conversion to the FK5 system,
 * nutation in longitude (ch. 22, the largest terms of the IAU 1980 series) and aberration.
 * Accuracy about 1″ (≈ 25 s in the time of a solar term), against 0.01° (≈ 15 min) for the
 * low-accuracy method: this matters for the rare principal terms that fall near local midnight.
 */

const RAD = Math.PI / 180;
const ARCSEC = 1 / 3600;

type Series = ReadonlyArray<readonly [number, number, number]>; // A, B, C: A·cos(B + C·τ)

// Earth, heliocentric ecliptic longitude, units of 1e-8 rad (Meeus Appendix III, "EARTH L0..L5").
const L0: Series = [
  [175347046, 0, 0],
  [3341656, 4.6692568, 6283.07585],
  [34894, 4.6261, 12566.1517],
  [3497, 2.7441, 5753.3849],
  [3418, 2.8289, 3.5231],
  [3136, 3.6277, 77713.7715],
  [2676, 4.4181, 7860.4194],
  [2343, 6.1352, 3930.2097],
  [1324, 0.7425, 11506.7698],
  [1273, 2.0371, 529.691],
  [1199, 1.1096, 1577.3435],
  [990, 5.233, 5884.927],
  [902, 2.045, 26.298],
  [857, 3.508, 398.149],
  [780, 1.179, 5223.694],
  [753, 2.533, 5507.553],
  [505, 4.583, 18849.228],
  [492, 4.205, 775.523],
  [357, 2.92, 0.067],
  [317, 5.849, 11790.629],
  [284, 1.899, 796.298],
  [271, 0.315, 10977.079],
  [243, 0.345, 5486.778],
  [206, 4.806, 2544.314],
  [205, 1.869, 5573.143],
  [202, 2.458, 6069.777],
  [156, 0.833, 213.299],
  [132, 3.411, 2942.463],
  [126, 1.083, 20.775],
  [115, 0.645, 0.98],
  [103, 0.636, 4694.003],
  [102, 0.976, 15720.839],
  [102, 4.267, 7.114],
  [99, 6.21, 2146.17],
  [98, 0.68, 155.42],
  [86, 5.98, 161000.69],
  [85, 1.3, 6275.96],
  [85, 3.67, 71430.7],
  [80, 1.81, 17260.15],
  [79, 3.04, 12036.46],
  [75, 1.76, 5088.63],
  [74, 3.5, 3154.69],
  [74, 4.68, 801.82],
  [70, 0.83, 9437.76],
  [62, 3.98, 8827.39],
  [61, 1.82, 7084.9],
  [57, 2.78, 6286.6],
  [56, 4.39, 14143.5],
  [56, 3.47, 6279.55],
  [52, 0.19, 12139.55],
  [52, 1.33, 1748.02],
  [51, 0.28, 5856.48],
  [49, 0.49, 1194.45],
  [41, 5.37, 8429.24],
  [41, 2.4, 19651.05],
  [39, 6.17, 10447.39],
  [37, 6.04, 10213.29],
  [37, 2.57, 1059.38],
  [36, 1.71, 2352.87],
  [36, 1.78, 6812.77],
  [33, 0.59, 17789.85],
  [30, 0.44, 83996.85],
  [30, 2.74, 1349.87],
  [25, 3.16, 4690.48],
];
const L1: Series = [
  [628331966747, 0, 0],
  [206059, 2.678235, 6283.07585],
  [4303, 2.6351, 12566.1517],
  [425, 1.59, 3.523],
  [119, 5.796, 26.298],
  [109, 2.966, 1577.344],
  [93, 2.59, 18849.23],
  [72, 1.14, 529.69],
  [68, 1.87, 398.15],
  [67, 4.41, 5507.55],
  [59, 2.89, 5223.69],
  [56, 2.17, 155.42],
  [45, 0.4, 796.3],
  [36, 0.47, 775.52],
  [29, 2.65, 7.11],
  [21, 5.34, 0.98],
  [19, 1.85, 5486.78],
  [19, 4.97, 213.3],
  [17, 2.99, 6275.96],
  [16, 0.03, 2544.31],
  [16, 1.43, 2146.17],
  [15, 1.21, 10977.08],
  [12, 2.83, 1748.02],
  [12, 3.26, 5088.63],
  [12, 5.27, 1194.45],
  [12, 2.08, 4694],
  [11, 0.77, 553.57],
  [10, 1.3, 6286.6],
  [10, 4.24, 1349.87],
  [9, 2.7, 242.73],
  [9, 5.64, 951.72],
  [8, 5.3, 2352.87],
  [6, 2.65, 9437.76],
  [6, 4.67, 4690.48],
];
const L2: Series = [
  [52919, 0, 0],
  [8720, 1.0721, 6283.0758],
  [309, 0.867, 12566.152],
  [27, 0.05, 3.52],
  [16, 5.19, 26.3],
  [16, 3.68, 155.42],
  [10, 0.76, 18849.23],
  [9, 2.06, 77713.77],
  [7, 0.83, 775.52],
  [5, 4.66, 1577.34],
  [4, 1.03, 7.11],
  [4, 3.44, 5573.14],
  [3, 5.14, 796.3],
  [3, 6.05, 5507.55],
  [3, 1.19, 242.73],
  [3, 6.12, 529.69],
  [3, 0.31, 398.15],
  [3, 2.28, 553.57],
  [2, 4.38, 5223.69],
  [2, 3.75, 0.98],
];
const L3: Series = [
  [289, 5.844, 6283.076],
  [35, 0, 0],
  [17, 5.49, 12566.15],
  [3, 5.2, 155.42],
  [1, 4.72, 3.52],
  [1, 5.3, 18849.23],
  [1, 5.97, 242.73],
];
const L4: Series = [
  [114, Math.PI, 0], // tabulated as 3.142
  [8, 4.13, 6283.08],
  [1, 3.84, 12566.15],
];
const L5: Series = [[1, 3.14, 0]];

function sum(series: Series, tau: number): number {
  let s = 0;
  for (const [a, b, c] of series) s += a * Math.cos(b + c * tau);
  return s;
}

/** Heliocentric ecliptic longitude of the Earth (VSOP87, dynamical ecliptic and equinox of date), radians. */
export function earthHeliocentricLongitude(jde: number): number {
  const tau = (jde - 2451545) / 365250;
  const l =
    sum(L0, tau) +
    tau *
      (sum(L1, tau) +
        tau * (sum(L2, tau) + tau * (sum(L3, tau) + tau * (sum(L4, tau) + tau * sum(L5, tau)))));
  return l / 1e8;
}

// Nutation in longitude, IAU 1980 theory (Meeus table 22.A), terms of at least 0.005″:
// multiples of D, M, M′, F, Ω; coefficient and its T-rate in units of 0.0001″.
const NUTATION: ReadonlyArray<readonly [number, number, number, number, number, number, number]> = [
  [0, 0, 0, 0, 1, -171996, -174.2],
  [-2, 0, 0, 2, 2, -13187, -1.6],
  [0, 0, 0, 2, 2, -2274, -0.2],
  [0, 0, 0, 0, 2, 2062, 0.2],
  [0, 1, 0, 0, 0, 1426, -3.4],
  [0, 0, 1, 0, 0, 712, 0.1],
  [-2, 1, 0, 2, 2, -517, 1.2],
  [0, 0, 0, 2, 1, -386, -0.4],
  [0, 0, 1, 2, 2, -301, 0],
  [-2, -1, 0, 2, 2, 217, -0.5],
  [-2, 0, 1, 0, 0, -158, 0],
  [-2, 0, 0, 2, 1, 129, 0.1],
  [0, 0, -1, 2, 2, 123, 0],
  [2, 0, 0, 0, 0, 63, 0],
  [0, 0, 1, 0, 1, 63, 0.1],
  [2, 0, -1, 2, 2, -59, 0],
  [0, 0, -1, 0, 1, -58, -0.1],
  [0, 0, 1, 2, 1, -51, 0],
];

/** Nutation in longitude Δψ in arcseconds (Meeus ch. 22, truncated IAU 1980 series, ≈ 0.05″). */
export function nutationInLongitude(jde: number): number {
  const T = (jde - 2451545) / 36525;
  const T2 = T * T;
  const T3 = T2 * T;
  const D = 297.85036 + 445267.11148 * T - 0.0019142 * T2 + T3 / 189474;
  const M = 357.52772 + 35999.05034 * T - 0.0001603 * T2 - T3 / 300000;
  const Mp = 134.96298 + 477198.867398 * T + 0.0086972 * T2 + T3 / 56250;
  const F = 93.27191 + 483202.017538 * T - 0.0036825 * T2 + T3 / 327270;
  const Om = 125.04452 - 1934.136261 * T + 0.0020708 * T2 + T3 / 450000;
  let s = 0;
  for (const [d, m, mp, f, om, c, ct] of NUTATION) {
    s += (c + ct * T) * Math.sin((d * D + m * M + mp * Mp + f * F + om * Om) * RAD);
  }
  return s * 0.0001;
}

/**
 * Apparent geocentric longitude of the Sun in degrees [0, 360), true equinox of date, for a JDE:
 * ☉ = L + 180°, FK5 correction −0.09033″, plus Δψ, minus aberration 20.4898″ / R (Meeus eq. 25.10;
 * R from the low-accuracy formula, whose error is far below what matters here).
 */
export function sunApparentLongitudeHigh(jde: number): number {
  const L = earthHeliocentricLongitude(jde) / RAD + 180;
  const T = (jde - 2451545) / 36525;
  const M = (357.52911 + 35999.05029 * T - 0.0001537 * T * T) * RAD;
  const e = 0.016708634 - 0.000042037 * T - 0.0000001267 * T * T;
  const C =
    ((1.914602 - 0.004817 * T - 0.000014 * T * T) * Math.sin(M) +
      (0.019993 - 0.000101 * T) * Math.sin(2 * M) +
      0.000289 * Math.sin(3 * M)) *
    RAD;
  const R = (1.000001018 * (1 - e * e)) / (1 + e * Math.cos(M + C));
  const lambda = L + (-0.09033 + nutationInLongitude(jde) - 20.4898 / R) * ARCSEC;
  const r = lambda % 360;
  return r < 0 ? r + 360 : r;
}
