import { describe, expect, it } from 'vitest';
import { pngFileName, pngMaxSide, pngSize, svgSize } from './chart-export';

describe('PNG export of charts', () => {
  it('names the PNG after the chart, without accents nor spaces', () => {
    expect(pngFileName('/api/indicators/8c1/chart.svg')).toBe('chart.png');
    expect(pngFileName('Familles accompagnées — 2026')).toBe('familles-accompagnees-2026.png');
    expect(pngFileName('/api/barometer/continuum.svg?territoryId=x')).toBe('continuum.png');
    expect(pngFileName('«»')).toBe('graphique.png');
  });
  it('reads the SVG size from width and height, else from the viewBox', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 360" width="720" height="360">')).toEqual({
      width: 720,
      height: 360,
    });
    expect(svgSize('<svg width="100%" viewBox="0 0 640,300"></svg>')).toEqual({ width: 640, height: 300 });
    expect(svgSize('<svg width="12px" height="8px"/>')).toEqual({ width: 12, height: 8 });
    expect(svgSize('<svg></svg>')).toBeNull();
    expect(svgSize('pas un svg')).toBeNull();
  });
  it('doubles the size for a sharp image but never passes the largest side', () => {
    expect(pngSize({ width: 720, height: 360 })).toEqual({ width: 1440, height: 720 });
    expect(pngSize({ width: 720, height: 360 }, 1)).toEqual({ width: 720, height: 360 });
    expect(pngSize({ width: 4000, height: 1000 })).toEqual({ width: pngMaxSide, height: 1024 });
    expect(pngSize(null)).toEqual({ width: 1600, height: 900 });
  });
});
