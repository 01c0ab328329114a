;; WebAssembly SIMD128 matrix-multiply kernels behind `matmul` for large products (float32 and float64).
;;
;; Compiled from this text at build time (wabt) and embedded in the package's JavaScript; src/ops/matmul-wasm.ts
;; copies the operands into this module's memory, drives the blocking below and copies the product out.
;;
;; Blocking (the Goto/BLIS scheme; the block sizes live in matmul-wasm.ts: KC = 512, MC = 64, NC = 1024 or 512):
;;   for each block of NC columns of B and C               (the packed B block, 2 MiB, streams from L2/L3)
;;     for each block of KC rows of B (KC columns of A)    (pack32/pack64: B block -> strips of NR columns)
;;       for each block of MC rows of A                    (pack32/pack64: A block -> strips of MR rows, in L2)
;;         block_*: for each NR-wide strip of B (in L1), for each MR-high strip of A: tile_* on one MR x NR tile
;; A packed strip holds, for p = 0..KC-1, the MR entries a[i..i+MR)[p] side by side; a packed B strip holds
;; b[p][j..j+NR). Strips past the edge of a matrix are padded with zeros, and C is laid out with its rows and
;; columns rounded up to whole tiles, so every tile is full: `compact` then closes the gaps between rows.
;;
;; The micro-kernel (tile_*) keeps the MR x NR tile of C in 8 v128 registers for the whole of KC: per p it loads
;; one row of the B strip (NR entries, 2 or 4 vectors), broadcasts each of the MR entries of A (load*_splat) and
;; does one multiply and one add per vector. There is no FMA in SIMD128 (relaxed SIMD needs a flag in Node 20),
;; so each product is rounded, then each sum:
;;   float32: MR = 4 rows x NR = 8 columns (2 f32x4 per row);  float64: MR = 2 rows x NR = 8 columns (4 f64x2).
;; 8 accumulators, the B vectors and one broadcast fit the 16 SIMD registers of x64 without spilling; V8 ran this
;; loop faster as it is than unrolled, and than 6x8, 5x8, 4x12 and 8x4 tiles (f32) or 4x4, 4x6, 3x8 and 2x10 (f64)
;; (apps/bench README, "Tuning the WebAssembly kernels").
;;
;; NOTE: each entry of C is a sum in the order p = 0, 1, ..., k-1, and is kept in its dtype between KC blocks
;; (the next block starts from the stored value): float64 results therefore equal the JS kernel's bit for bit;
;; float32 results equal the float32 loop `c = fround(c + fround(a·b))` bit for bit.
;;
;; All pointers and strides are byte offsets into this module's memory (at most 2 GiB, so they stay positive i32).
(module
  (memory (export "memory") 1 32768)

  ;; ---- packing -------------------------------------------------------------------------------------------------

  ;; Packs `lines` lines of `depth` 4-byte entries into strips of `width` lines (4 or 8): strip s holds, for
  ;; p = 0..depth-1, the entries src + (s·width + lane)·across + p·along for lane = 0..width-1, side by side; lanes
  ;; past `lines` are zero. A block of A is packed with lines = rows (across = row stride, along = column stride), a
  ;; block of B with lines = columns. Full strips take a fast path when the lanes are adjacent in memory (a row of B,
  ;; a column of a transposed A: 16-byte copies) or the entries along p are (a row of A, a column of a transposed B:
  ;; 4x4 transposes of 4 lines by 4 entries); everything else, and the strip at the edge, is copied entry by entry.
  (func $pack32 (export "pack32")
    (param $src i32) (param $along i32) (param $across i32) (param $lines i32) (param $depth i32) (param $width i32)
    (param $dst i32)
    (local $line i32) (local $lanes i32) (local $p i32) (local $lane i32) (local $source i32) (local $bytes i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128) (local $u0 v128) (local $u1 v128)
    (local $u2 v128) (local $u3 v128)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (loop $strips
      (local.set $lanes (i32.sub (local.get $lines) (local.get $line)))
      (if (i32.gt_u (local.get $lanes) (local.get $width)) (then (local.set $lanes (local.get $width))))
      (local.set $p (i32.const 0))
      (if (i32.eq (local.get $lanes) (local.get $width))
        (then
          (if (i32.eq (local.get $across) (i32.const 4))
            (then
              (loop $depth
                (local.set $source (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $along))))
                (local.set $lane (i32.const 0))
                (loop $vectors
                  (v128.store (i32.add (local.get $dst) (local.get $lane))
                    (v128.load (i32.add (local.get $source) (local.get $lane))))
                  (br_if $vectors
                    (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 16))) (local.get $bytes))))
                (local.set $dst (i32.add (local.get $dst) (local.get $bytes)))
                (br_if $depth (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $depth)))))
            (else
              (if (i32.eq (local.get $along) (i32.const 4))
                (then
                  (block $transposed
                    (loop $quads
                      (br_if $transposed (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $depth)))
                      (local.set $lane (i32.const 0))
                      (loop $groups
                        ;; Lines lane..lane+3, entries p..p+3: four rows in, four columns out.
                        (local.set $source (i32.add (i32.add (local.get $src) (i32.shl (local.get $p) (i32.const 2)))
                          (i32.mul (local.get $lane) (local.get $across))))
                        (local.set $r0 (v128.load (local.get $source)))
                        (local.set $r1 (v128.load (local.tee $source (i32.add (local.get $source) (local.get $across)))))
                        (local.set $r2 (v128.load (local.tee $source (i32.add (local.get $source) (local.get $across)))))
                        (local.set $r3 (v128.load (i32.add (local.get $source) (local.get $across))))
                        (local.set $u0
                          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
                        (local.set $u1
                          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
                        (local.set $u2
                          (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
                        (local.set $u3
                          (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
                        (local.set $source (i32.add (local.get $dst) (i32.shl (local.get $lane) (i32.const 2))))
                        (v128.store (local.get $source)
                          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u0) (local.get $u2)))
                        (v128.store (local.tee $source (i32.add (local.get $source) (local.get $bytes)))
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u0) (local.get $u2)))
                        (v128.store (local.tee $source (i32.add (local.get $source) (local.get $bytes)))
                          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $u1) (local.get $u3)))
                        (v128.store (i32.add (local.get $source) (local.get $bytes))
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $u1) (local.get $u3)))
                        (br_if $groups
                          (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 4))) (local.get $width))))
                      (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $bytes) (i32.const 2))))
                      (local.set $p (i32.add (local.get $p) (i32.const 4)))
                      (br $quads)))))))))
      ;; Entry by entry: the edge strip, other layouts, and the entries the transposes left (p from where they stopped).
      (block $done
        (br_if $done (i32.ge_u (local.get $p) (local.get $depth)))
        (loop $depth
          (local.set $source (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $along))))
          (local.set $lane (i32.const 0))
          (loop $copy
            (i32.store (local.get $dst) (i32.load (local.get $source)))
            (local.set $source (i32.add (local.get $source) (local.get $across)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
            (br_if $copy (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 1))) (local.get $lanes))))
          (block $padded
            (br_if $padded (i32.ge_u (local.get $lane) (local.get $width)))
            (loop $zero
              (i32.store (local.get $dst) (i32.const 0))
              (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
              (br_if $zero (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 1))) (local.get $width)))))
          (br_if $depth (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $depth)))))
      (local.set $src (i32.add (local.get $src) (i32.mul (local.get $width) (local.get $across))))
      (br_if $strips (i32.lt_u (local.tee $line (i32.add (local.get $line) (local.get $width))) (local.get $lines)))))

  ;; The same as pack32 for 8-byte entries (width 2 or 8; the transposes are 2x2).
  (func $pack64 (export "pack64")
    (param $src i32) (param $along i32) (param $across i32) (param $lines i32) (param $depth i32) (param $width i32)
    (param $dst i32)
    (local $line i32) (local $lanes i32) (local $p i32) (local $lane i32) (local $source i32) (local $bytes i32)
    (local $r0 v128) (local $r1 v128)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 3)))
    (loop $strips
      (local.set $lanes (i32.sub (local.get $lines) (local.get $line)))
      (if (i32.gt_u (local.get $lanes) (local.get $width)) (then (local.set $lanes (local.get $width))))
      (local.set $p (i32.const 0))
      (if (i32.eq (local.get $lanes) (local.get $width))
        (then
          (if (i32.eq (local.get $across) (i32.const 8))
            (then
              (loop $depth
                (local.set $source (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $along))))
                (local.set $lane (i32.const 0))
                (loop $vectors
                  (v128.store (i32.add (local.get $dst) (local.get $lane))
                    (v128.load (i32.add (local.get $source) (local.get $lane))))
                  (br_if $vectors
                    (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 16))) (local.get $bytes))))
                (local.set $dst (i32.add (local.get $dst) (local.get $bytes)))
                (br_if $depth (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $depth)))))
            (else
              (if (i32.eq (local.get $along) (i32.const 8))
                (then
                  (block $transposed
                    (loop $pairs
                      (br_if $transposed (i32.gt_u (i32.add (local.get $p) (i32.const 2)) (local.get $depth)))
                      (local.set $lane (i32.const 0))
                      (loop $groups
                        ;; Lines lane and lane+1, entries p and p+1: two rows in, two columns out.
                        (local.set $source (i32.add (i32.add (local.get $src) (i32.shl (local.get $p) (i32.const 3)))
                          (i32.mul (local.get $lane) (local.get $across))))
                        (local.set $r0 (v128.load (local.get $source)))
                        (local.set $r1 (v128.load (i32.add (local.get $source) (local.get $across))))
                        (local.set $source (i32.add (local.get $dst) (i32.shl (local.get $lane) (i32.const 3))))
                        (v128.store (local.get $source)
                          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $r0) (local.get $r1)))
                        (v128.store (i32.add (local.get $source) (local.get $bytes))
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $r0) (local.get $r1)))
                        (br_if $groups
                          (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 2))) (local.get $width))))
                      (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $bytes) (i32.const 1))))
                      (local.set $p (i32.add (local.get $p) (i32.const 2)))
                      (br $pairs)))))))))
      (block $done
        (br_if $done (i32.ge_u (local.get $p) (local.get $depth)))
        (loop $depth
          (local.set $source (i32.add (local.get $src) (i32.mul (local.get $p) (local.get $along))))
          (local.set $lane (i32.const 0))
          (loop $copy
            (i64.store (local.get $dst) (i64.load (local.get $source)))
            (local.set $source (i32.add (local.get $source) (local.get $across)))
            (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
            (br_if $copy (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 1))) (local.get $lanes))))
          (block $padded
            (br_if $padded (i32.ge_u (local.get $lane) (local.get $width)))
            (loop $zero
              (i64.store (local.get $dst) (i64.const 0))
              (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
              (br_if $zero (i32.lt_u (local.tee $lane (i32.add (local.get $lane) (i32.const 1))) (local.get $width)))))
          (br_if $depth (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $depth)))))
      (local.set $src (i32.add (local.get $src) (i32.mul (local.get $width) (local.get $across))))
      (br_if $strips (i32.lt_u (local.tee $line (i32.add (local.get $line) (local.get $width))) (local.get $lines)))))

  ;; ---- float32: 4 x 8 tiles ------------------------------------------------------------------------------------

  ;; One 4x8 tile: c[r][0..8) = (accumulate ? c[r][0..8) : 0) + Σ_p a[p][r] · b[p][0..8) for r < 4, with `a` a
  ;; packed A strip (4 entries per p), `b` a packed B strip (8 entries per p), `ldc` the row stride of C.
  (func $tile_f32
    (param $depth i32) (param $a i32) (param $b i32) (param $c i32) (param $ldc i32) (param $accumulate i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128) (local $row i32)
    (if (local.get $accumulate)
      (then
        (local.set $row (local.get $c))
        (local.set $c00 (v128.load (local.get $row)))
        (local.set $c01 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c10 (v128.load (local.get $row)))
        (local.set $c11 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c20 (v128.load (local.get $row)))
        (local.set $c21 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c30 (v128.load (local.get $row)))
        (local.set $c31 (v128.load offset=16 (local.get $row)))))
    (loop $depth
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $x (v128.load32_splat (local.get $a)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load32_splat offset=4 (local.get $a)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load32_splat offset=8 (local.get $a)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $x (v128.load32_splat offset=12 (local.get $a)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 32)))
      (br_if $depth (local.tee $depth (i32.sub (local.get $depth) (i32.const 1)))))
    (local.set $row (local.get $c))
    (v128.store (local.get $row) (local.get $c00))
    (v128.store offset=16 (local.get $row) (local.get $c01))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c20))
    (v128.store offset=16 (local.get $row) (local.get $c21))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c30))
    (v128.store offset=16 (local.get $row) (local.get $c31)))

  ;; One packed block: C[0..rows)[0..columns) (+)= packed A block · packed B block, `rows` a multiple of 4 and
  ;; `columns` of 8. B strips outside, A strips inside: one B strip stays in the L1 cache while A's block streams
  ;; from L2.
  (func (export "block_f32")
    (param $rows i32) (param $columns i32) (param $depth i32) (param $a i32) (param $b i32) (param $c i32)
    (param $ldc i32) (param $accumulate i32)
    (local $i i32) (local $j i32) (local $aStrip i32) (local $cTile i32)
    (loop $columnStrips
      (local.set $i (i32.const 0))
      (local.set $aStrip (local.get $a))
      (local.set $cTile (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
      (loop $rowStrips
        (call $tile_f32 (local.get $depth) (local.get $aStrip) (local.get $b) (local.get $cTile) (local.get $ldc)
          (local.get $accumulate))
        (local.set $aStrip (i32.add (local.get $aStrip) (i32.shl (local.get $depth) (i32.const 4))))
        (local.set $cTile (i32.add (local.get $cTile) (i32.shl (local.get $ldc) (i32.const 2))))
        (br_if $rowStrips (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (local.get $rows))))
      (local.set $b (i32.add (local.get $b) (i32.shl (local.get $depth) (i32.const 5))))
      (br_if $columnStrips (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 8))) (local.get $columns)))))

  ;; ---- float64: 2 x 8 tiles ------------------------------------------------------------------------------------

  ;; One 2x8 tile: c[r][0..8) = (accumulate ? c[r][0..8) : 0) + Σ_p a[p][r] · b[p][0..8) for r < 2, with `a` a
  ;; packed A strip (2 entries per p), `b` a packed B strip (8 entries per p), `ldc` the row stride of C.
  (func $tile_f64
    (param $depth i32) (param $a i32) (param $b i32) (param $c i32) (param $ldc i32) (param $accumulate i32)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128)
    (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $x v128) (local $row i32)
    (if (local.get $accumulate)
      (then
        (local.set $row (local.get $c))
        (local.set $c00 (v128.load (local.get $row)))
        (local.set $c01 (v128.load offset=16 (local.get $row)))
        (local.set $c02 (v128.load offset=32 (local.get $row)))
        (local.set $c03 (v128.load offset=48 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c10 (v128.load (local.get $row)))
        (local.set $c11 (v128.load offset=16 (local.get $row)))
        (local.set $c12 (v128.load offset=32 (local.get $row)))
        (local.set $c13 (v128.load offset=48 (local.get $row)))))
    (loop $depth
      (local.set $b0 (v128.load (local.get $b)))
      (local.set $b1 (v128.load offset=16 (local.get $b)))
      (local.set $b2 (v128.load offset=32 (local.get $b)))
      (local.set $b3 (v128.load offset=48 (local.get $b)))
      (local.set $x (v128.load64_splat (local.get $a)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $b2))))
      (local.set $c03 (f64x2.add (local.get $c03) (f64x2.mul (local.get $x) (local.get $b3))))
      (local.set $x (v128.load64_splat offset=8 (local.get $a)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $b1))))
      (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $b2))))
      (local.set $c13 (f64x2.add (local.get $c13) (f64x2.mul (local.get $x) (local.get $b3))))
      (local.set $a (i32.add (local.get $a) (i32.const 16)))
      (local.set $b (i32.add (local.get $b) (i32.const 64)))
      (br_if $depth (local.tee $depth (i32.sub (local.get $depth) (i32.const 1)))))
    (local.set $row (local.get $c))
    (v128.store (local.get $row) (local.get $c00))
    (v128.store offset=16 (local.get $row) (local.get $c01))
    (v128.store offset=32 (local.get $row) (local.get $c02))
    (v128.store offset=48 (local.get $row) (local.get $c03))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (v128.store offset=32 (local.get $row) (local.get $c12))
    (v128.store offset=48 (local.get $row) (local.get $c13)))

  ;; block_f32 for float64: `rows` a multiple of 2, `columns` of 8.
  (func (export "block_f64")
    (param $rows i32) (param $columns i32) (param $depth i32) (param $a i32) (param $b i32) (param $c i32)
    (param $ldc i32) (param $accumulate i32)
    (local $i i32) (local $j i32) (local $aStrip i32) (local $cTile i32)
    (loop $columnStrips
      (local.set $i (i32.const 0))
      (local.set $aStrip (local.get $a))
      (local.set $cTile (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
      (loop $rowStrips
        (call $tile_f64 (local.get $depth) (local.get $aStrip) (local.get $b) (local.get $cTile) (local.get $ldc)
          (local.get $accumulate))
        (local.set $aStrip (i32.add (local.get $aStrip) (i32.shl (local.get $depth) (i32.const 4))))
        (local.set $cTile (i32.add (local.get $cTile) (i32.shl (local.get $ldc) (i32.const 1))))
        (br_if $rowStrips (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 2))) (local.get $rows))))
      (local.set $b (i32.add (local.get $b) (i32.shl (local.get $depth) (i32.const 6))))
      (br_if $columnStrips (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 8))) (local.get $columns)))))

  ;; ---- output --------------------------------------------------------------------------------------------------

  ;; Moves `rows` rows of `bytes` bytes from row stride `from` to row stride `to` (<= from), in place from `c`.
  (func (export "compact") (param $c i32) (param $rows i32) (param $from i32) (param $to i32) (param $bytes i32)
    (local $source i32) (local $target i32) (local $row i32)
    (local.set $source (local.get $c))
    (local.set $target (local.get $c))
    (loop $rows
      (memory.copy (local.get $target) (local.get $source) (local.get $bytes))
      (local.set $source (i32.add (local.get $source) (local.get $from)))
      (local.set $target (i32.add (local.get $target) (local.get $to)))
      (br_if $rows (i32.lt_u (local.tee $row (i32.add (local.get $row) (i32.const 1))) (local.get $rows)))))
)
