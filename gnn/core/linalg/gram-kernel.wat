;; out = v + Σ_c w_c a_c (a_cᵀ v) = (I + A W Aᵀ) v for a block v of B columns, float32 rows of
;; `rowBytes` = 4·B bytes (B a multiple of 4), A a sparse 0/1 matrix given column by column
;; (`colPtr`, `rows`: the rows of column c are rows[colPtr[c] .. colPtr[c+1])), W = diag(w).
;; Per column c: t = Σ_{r ∈ c} v_r, then out_r += w_c·t for r ∈ c. Both touch only the rows of
;; c, in four-lane SIMD: no [columns, B] intermediate, so a product reads v and out, nothing else.
;; The row loops are written out where they are used: a call per row cost more than the row itself
;; at B = 4 (one request's column), 110 ms against 60-80 ms per solve on the 25k-user split.
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
        (br $columns)))))
