;; out = v + Σ_c w_c a_c (a_cᵀ v) = (I + A W Aᵀ) v for a block v of B columns, float32 rows of
;; `rowBytes` = 4·B bytes (B a multiple of 4), A a sparse 0/1 matrix given column by column
;; (`colPtr`, `rows`: the rows of column c are rows[colPtr[c] .. colPtr[c+1])), W = diag(w).
;; Per column c: t = Σ_{r ∈ c} v_r, then out_r += w_c·t for r ∈ c. Both touch only the rows of
;; c, in four-lane SIMD: no [columns, B] intermediate, so a product reads v and out, nothing else.
;; The row loops are written out where they are used: a call per row cost more than the row itself
;; at B = 4 (one request's column), 110 ms against 60-80 ms per solve on the 25k-user split.
;; `dot`, `update` and `direction` are CG's vector steps over such blocks (gram-solver.ts), one
;; pass each: float32 entries widened to float64 pairs, computed, and rounded back on store, which
;; is exactly what the JavaScript they replace computed (a Float32Array read is a double, a store
;; rounds), so solutions are bit-equal to it, in a quarter of the time.
;; `project` is scale·VᵀA for a block V (DLAE's scores of the block's users: −z_uᵀX), one pass over
;; A: the column sums in SIMD, then each lane's sum stored at its row of the [B, columns] output.
;; gram-kernel-bytes.ts holds the compiled bytes (npm run kernels); gram-solver.ts runs them.
(module
  (memory (export "memory") 1 65536)
  (func (export "gram")
    (param $colPtr i32) (param $rows i32) (param $w i32) (param $v i32) (param $out i32) (param $t i32)
    (param $numCols i32) (param $numRows i32) (param $rowBytes i32)
    (local $c i32) (local $p i32) (local $end i32) (local $row i32) (local $b i32) (local $k i32) (local $wc v128)
    (memory.copy (local.get $out) (local.get $v) (i32.mul (local.get $numRows) (local.get $rowBytes)))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_u (local.get $c) (local.get $numCols)))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $c) (i32.const 1)) (i32.const 2)))))
        (local.set $wc (f32x4.splat (f32.load (i32.add (local.get $w) (i32.shl (local.get $c) (i32.const 2))))))
        ;; A column with one row (most of a long tail's): out_r += w_c·v_r, without t.
        (if (i32.eq (i32.sub (local.get $end) (local.get $p)) (i32.const 1))
          (then
            (local.set $row (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2)))) (local.get $rowBytes)))
            (local.set $b (i32.const 0))
            (loop $single
              (v128.store (i32.add (local.get $out) (i32.add (local.get $row) (local.get $b)))
                (f32x4.add (v128.load (i32.add (local.get $out) (i32.add (local.get $row) (local.get $b))))
                  (f32x4.mul (v128.load (i32.add (local.get $v) (i32.add (local.get $row) (local.get $b)))) (local.get $wc))))
              (local.set $b (i32.add (local.get $b) (i32.const 16)))
              (br_if $single (i32.lt_u (local.get $b) (local.get $rowBytes))))))
        (if (i32.gt_s (i32.sub (local.get $end) (local.get $p)) (i32.const 1))
          (then
            ;; t = w_c · Σ_{r ∈ c} v_r: the first row copied, the others added
            (local.set $b (i32.add (local.get $v) (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2)))) (local.get $rowBytes))))
            (local.set $k (i32.const 0))
            (loop $copy
              (v128.store (i32.add (local.get $t) (local.get $k)) (v128.load (i32.add (local.get $b) (local.get $k))))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $copy (i32.lt_u (local.get $k) (local.get $rowBytes))))
            (local.set $row (i32.add (local.get $p) (i32.const 1)))
            (block $gathered
              (loop $gather
                (br_if $gathered (i32.ge_u (local.get $row) (local.get $end)))
                (local.set $b (i32.add (local.get $v)
                  (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $row) (i32.const 2)))) (local.get $rowBytes))))
                (local.set $k (i32.const 0))
                (loop $add
                  (v128.store (i32.add (local.get $t) (local.get $k))
                    (f32x4.add (v128.load (i32.add (local.get $t) (local.get $k))) (v128.load (i32.add (local.get $b) (local.get $k)))))
                  (local.set $k (i32.add (local.get $k) (i32.const 16)))
                  (br_if $add (i32.lt_u (local.get $k) (local.get $rowBytes))))
                (local.set $row (i32.add (local.get $row) (i32.const 1)))
                (br $gather)))
            (local.set $b (i32.const 0))
            (loop $scale
              (v128.store (i32.add (local.get $t) (local.get $b))
                (f32x4.mul (v128.load (i32.add (local.get $t) (local.get $b))) (local.get $wc)))
              (local.set $b (i32.add (local.get $b) (i32.const 16)))
              (br_if $scale (i32.lt_u (local.get $b) (local.get $rowBytes))))
            ;; out_r += t for r ∈ c
            (local.set $row (local.get $p))
            (loop $scatter
              (local.set $b (i32.add (local.get $out)
                (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $row) (i32.const 2)))) (local.get $rowBytes))))
              (local.set $k (i32.const 0))
              (loop $add
                (v128.store (i32.add (local.get $b) (local.get $k))
                  (f32x4.add (v128.load (i32.add (local.get $b) (local.get $k))) (v128.load (i32.add (local.get $t) (local.get $k)))))
                (local.set $k (i32.add (local.get $k) (i32.const 16)))
                (br_if $add (i32.lt_u (local.get $k) (local.get $rowBytes))))
              (local.set $row (i32.add (local.get $row) (i32.const 1)))
              (br_if $scatter (i32.lt_u (local.get $row) (local.get $end))))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $columns))))

  ;; out[b] = Σ_r a[r, b]·b[r, b] in float64 per column b, rows in order; out holds B doubles.
  (func (export "dot") (param $a i32) (param $b i32) (param $out i32) (param $numRows i32) (param $rowBytes i32)
    (local $end i32) (local $k i32) (local $o i32) (local $va v128) (local $vb v128)
    (memory.fill (local.get $out) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (local.set $end (i32.add (local.get $a) (i32.mul (local.get $numRows) (local.get $rowBytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $k (i32.const 0))
        (loop $lanes
          (local.set $va (v128.load (i32.add (local.get $a) (local.get $k))))
          (local.set $vb (v128.load (i32.add (local.get $b) (local.get $k))))
          (local.set $o (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 1))))
          (v128.store (local.get $o) (f64x2.add (v128.load (local.get $o)) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $va)) (f64x2.promote_low_f32x4 (local.get $vb)))))
          (v128.store offset=16 (local.get $o) (f64x2.add (v128.load offset=16 (local.get $o)) (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $va) (local.get $va))) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $vb) (local.get $vb))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $lanes (i32.lt_u (local.get $k) (local.get $rowBytes))))
        (local.set $a (i32.add (local.get $a) (local.get $rowBytes)))
        (local.set $b (i32.add (local.get $b) (local.get $rowBytes)))
        (br $rows))))

  ;; Per row u and column b, with α (B doubles) and d = diagInv (numRows floats):
  ;;   z += α·p;  ρ = r − α·q, r = ρ;  rr += ρ²;  σ = ρ·d_u, s = σ;  next += ρ·σ
  ;; (rr and next: B doubles each, zeroed first; ρ and σ unrounded, as in JavaScript).
  (func (export "update")
    (param $z i32) (param $r i32) (param $s i32) (param $p i32) (param $q i32) (param $diagInv i32)
    (param $alpha i32) (param $rr i32) (param $next i32) (param $numRows i32) (param $rowBytes i32)
    (local $u i32) (local $row i32) (local $k i32) (local $o i32) (local $d v128)
    (local $a0 v128) (local $a1 v128) (local $x v128) (local $y v128) (local $lo v128) (local $hi v128) (local $slo v128) (local $shi v128)
    (memory.fill (local.get $rr) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (memory.fill (local.get $next) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $u) (local.get $numRows)))
        (local.set $row (i32.mul (local.get $u) (local.get $rowBytes)))
        (local.set $d (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $diagInv) (i32.shl (local.get $u) (i32.const 2)))))))
        (local.set $k (i32.const 0))
        (loop $lanes
          (local.set $o (i32.shl (local.get $k) (i32.const 1)))
          (local.set $a0 (v128.load (i32.add (local.get $alpha) (local.get $o))))
          (local.set $a1 (v128.load offset=16 (i32.add (local.get $alpha) (local.get $o))))
          ;; z += α·p
          (local.set $x (v128.load (i32.add (local.get $z) (i32.add (local.get $row) (local.get $k)))))
          (local.set $y (v128.load (i32.add (local.get $p) (i32.add (local.get $row) (local.get $k)))))
          (v128.store (i32.add (local.get $z) (i32.add (local.get $row) (local.get $k)))
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (local.get $x)) (f64x2.mul (local.get $a0) (f64x2.promote_low_f32x4 (local.get $y))))) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))) (f64x2.mul (local.get $a1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))))))
          ;; ρ = r − α·q
          (local.set $x (v128.load (i32.add (local.get $r) (i32.add (local.get $row) (local.get $k)))))
          (local.set $y (v128.load (i32.add (local.get $q) (i32.add (local.get $row) (local.get $k)))))
          (local.set $lo (f64x2.sub (f64x2.promote_low_f32x4 (local.get $x)) (f64x2.mul (local.get $a0) (f64x2.promote_low_f32x4 (local.get $y)))))
          (local.set $hi (f64x2.sub (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))) (f64x2.mul (local.get $a1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))))
          (v128.store (i32.add (local.get $r) (i32.add (local.get $row) (local.get $k))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (local.get $lo)) (f32x4.demote_f64x2_zero (local.get $hi))))
          ;; rr += ρ²
          (v128.store (i32.add (local.get $rr) (local.get $o))
            (f64x2.add (v128.load (i32.add (local.get $rr) (local.get $o))) (f64x2.mul (local.get $lo) (local.get $lo))))
          (v128.store offset=16 (i32.add (local.get $rr) (local.get $o))
            (f64x2.add (v128.load offset=16 (i32.add (local.get $rr) (local.get $o))) (f64x2.mul (local.get $hi) (local.get $hi))))
          ;; σ = ρ·d_u, s = σ; next += ρ·σ
          (local.set $slo (f64x2.mul (local.get $lo) (local.get $d)))
          (local.set $shi (f64x2.mul (local.get $hi) (local.get $d)))
          (v128.store (i32.add (local.get $s) (i32.add (local.get $row) (local.get $k))) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (local.get $slo)) (f32x4.demote_f64x2_zero (local.get $shi))))
          (v128.store (i32.add (local.get $next) (local.get $o))
            (f64x2.add (v128.load (i32.add (local.get $next) (local.get $o))) (f64x2.mul (local.get $lo) (local.get $slo))))
          (v128.store offset=16 (i32.add (local.get $next) (local.get $o))
            (f64x2.add (v128.load offset=16 (i32.add (local.get $next) (local.get $o))) (f64x2.mul (local.get $hi) (local.get $shi))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $lanes (i32.lt_u (local.get $k) (local.get $rowBytes))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $rows))))

  ;; p = s + β·p, β: B doubles.
  (func (export "direction") (param $p i32) (param $s i32) (param $beta i32) (param $numRows i32) (param $rowBytes i32)
    (local $end i32) (local $k i32) (local $x v128) (local $y v128) (local $b0 v128) (local $b1 v128)
    (local.set $end (i32.add (local.get $p) (i32.mul (local.get $numRows) (local.get $rowBytes))))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $k (i32.const 0))
        (loop $lanes
          (local.set $b0 (v128.load (i32.add (local.get $beta) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $b1 (v128.load offset=16 (i32.add (local.get $beta) (i32.shl (local.get $k) (i32.const 1)))))
          (local.set $x (v128.load (i32.add (local.get $s) (local.get $k))))
          (local.set $y (v128.load (i32.add (local.get $p) (local.get $k))))
          (v128.store (i32.add (local.get $p) (local.get $k))
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (local.get $x)) (f64x2.mul (local.get $b0) (f64x2.promote_low_f32x4 (local.get $y))))) (f32x4.demote_f64x2_zero (f64x2.add (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $x) (local.get $x))) (f64x2.mul (local.get $b1) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $y) (local.get $y))))))))
          (local.set $k (i32.add (local.get $k) (i32.const 16)))
          (br_if $lanes (i32.lt_u (local.get $k) (local.get $rowBytes))))
        (local.set $p (i32.add (local.get $p) (local.get $rowBytes)))
        (local.set $s (i32.add (local.get $s) (local.get $rowBytes)))
        (br $rows))))

  ;; out[b, c] = scale · Σ_{r ∈ c} v[r, b], out row-major [B, numCols]; t: B floats of scratch.
  (func (export "project")
    (param $colPtr i32) (param $rows i32) (param $v i32) (param $t i32) (param $out i32)
    (param $numCols i32) (param $rowBytes i32) (param $scale f32)
    (local $c i32) (local $p i32) (local $end i32) (local $b i32) (local $k i32) (local $o i32) (local $stride i32)
    (local.set $stride (i32.shl (local.get $numCols) (i32.const 2)))
    (block $done
      (loop $columns
        (br_if $done (i32.ge_u (local.get $c) (local.get $numCols)))
        (local.set $p (i32.load (i32.add (local.get $colPtr) (i32.shl (local.get $c) (i32.const 2)))))
        (local.set $end (i32.load (i32.add (local.get $colPtr) (i32.shl (i32.add (local.get $c) (i32.const 1)) (i32.const 2)))))
        (memory.fill (local.get $t) (i32.const 0) (local.get $rowBytes))
        (block $summed
          (loop $sum
            (br_if $summed (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $b (i32.add (local.get $v)
              (i32.mul (i32.load (i32.add (local.get $rows) (i32.shl (local.get $p) (i32.const 2)))) (local.get $rowBytes))))
            (local.set $k (i32.const 0))
            (loop $add
              (v128.store (i32.add (local.get $t) (local.get $k))
                (f32x4.add (v128.load (i32.add (local.get $t) (local.get $k))) (v128.load (i32.add (local.get $b) (local.get $k)))))
              (local.set $k (i32.add (local.get $k) (i32.const 16)))
              (br_if $add (i32.lt_u (local.get $k) (local.get $rowBytes))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $sum)))
        ;; lane b of t to out[b, c]: consecutive columns fill consecutive floats of each output row
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $c) (i32.const 2))))
        (local.set $k (i32.const 0))
        (loop $lanes
          (f32.store (local.get $o) (f32.mul (local.get $scale) (f32.load (i32.add (local.get $t) (local.get $k)))))
          (local.set $o (i32.add (local.get $o) (local.get $stride)))
          (local.set $k (i32.add (local.get $k) (i32.const 4)))
          (br_if $lanes (i32.lt_u (local.get $k) (local.get $rowBytes))))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $columns)))))
