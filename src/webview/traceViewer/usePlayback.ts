// Playback like a debugger: a playhead that steps through the (filtered) timeline, plays at the recorded pace
// scaled by a speed factor, and can run to a chosen message.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TraceRow } from '../../shared/traceViewerProtocol';
import type { RowSource } from '../components/rowSource';

export const SPEEDS = [0.5, 1, 2, 5, 20, 100] as const;
const MIN_DELAY_MS = 30;
const MAX_DELAY_MS = 2000;

export interface Playback {
  playhead: number | undefined;
  playing: boolean;
  speed: number;
  runTo: number | undefined;
  setSpeed(s: number): void;
  next(): void;
  previous(): void;
  restart(): void;
  play(): void;
  pause(): void;
  runToIndex(i: number): void;
  /** Puts the playhead on a row without playing (e.g. after a filter change). */
  moveTo(i: number | undefined): void;
}

export function usePlayback(source: RowSource<TraceRow>, onMove: (i: number) => void): Playback {
  const [playhead, setPlayhead] = useState<number | undefined>(undefined);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const [runTo, setRunTo] = useState<number | undefined>(undefined);
  const onMoveRef = useRef(onMove);
  onMoveRef.current = onMove;

  const go = useCallback(
    (i: number) => {
      const n = source.length;
      if (n === 0) return;
      const to = Math.max(0, Math.min(n - 1, i));
      setPlayhead(to);
      onMoveRef.current(to);
    },
    [source],
  );

  useEffect(() => {
    if (!playing) return;
    const current = playhead ?? -1;
    const target = runTo ?? source.length - 1;
    if (current >= target || current >= source.length - 1) {
      setPlaying(false);
      setRunTo(undefined);
      return;
    }
    const a = source.get(current);
    const b = source.get(current + 1);
    source.ensureRange?.(current + 1, current + 50);
    const gap = a && b ? (b.t - a.t) / speed : MIN_DELAY_MS;
    const timer = setTimeout(() => go(current + 1), Math.max(MIN_DELAY_MS, Math.min(MAX_DELAY_MS, gap)));
    return () => clearTimeout(timer);
  }, [playing, playhead, runTo, speed, source, go]);

  return {
    playhead,
    playing,
    speed,
    runTo,
    setSpeed,
    next: () => go((playhead ?? -1) + 1),
    previous: () => go((playhead ?? 1) - 1),
    restart: () => {
      setPlaying(false);
      go(0);
    },
    play: () => {
      setRunTo(undefined);
      if (playhead === undefined) go(0);
      setPlaying(true);
    },
    pause: () => setPlaying(false),
    runToIndex: (i: number) => {
      if (playhead === undefined) go(0);
      setRunTo(i);
      setPlaying(true);
    },
    moveTo: (i) => {
      setPlaying(false);
      setPlayhead(i);
    },
  };
}
