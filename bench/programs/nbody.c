/* Benchmark twin of nbody.bd: n-body simulation in double precision, with the same Newton
 * square root as the Beskid version. Energies are printed as trunc(e * 1e9). */
#include <stdio.h>
#include <stdint.h>

typedef struct { double x, y, z, vx, vy, vz, mass; } Body;

#define STEPS 500000

static double nsqrt(double v) {
    double g = v;
    if (g < 1.0) g = 1.0;
    for (int i = 0; i < 20; i++) g = 0.5 * (g + v / g);
    return g;
}

static Body make(double x, double y, double z, double vx, double vy, double vz, double mass) {
    double days = 365.24;
    double solar = 4.0 * 3.141592653589793 * 3.141592653589793;
    Body b = {x, y, z, vx * days, vy * days, vz * days, mass * solar};
    return b;
}

static double energy(Body *bodies, int n) {
    double e = 0.0;
    for (int i = 0; i < n; i++) {
        Body *b = &bodies[i];
        e = e + 0.5 * b->mass * (b->vx * b->vx + b->vy * b->vy + b->vz * b->vz);
        for (int j = i + 1; j < n; j++) {
            Body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            e = e - b->mass * c->mass / nsqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void advance(Body *bodies, int n, double dt) {
    for (int i = 0; i < n; i++) {
        Body *b = &bodies[i];
        for (int j = i + 1; j < n; j++) {
            Body *c = &bodies[j];
            double dx = b->x - c->x, dy = b->y - c->y, dz = b->z - c->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * nsqrt(d2));
            b->vx = b->vx - dx * c->mass * mag;
            b->vy = b->vy - dy * c->mass * mag;
            b->vz = b->vz - dz * c->mass * mag;
            c->vx = c->vx + dx * b->mass * mag;
            c->vy = c->vy + dy * b->mass * mag;
            c->vz = c->vz + dz * b->mass * mag;
        }
    }
    for (int i = 0; i < n; i++) {
        Body *b = &bodies[i];
        b->x = b->x + dt * b->vx;
        b->y = b->y + dt * b->vy;
        b->z = b->z + dt * b->vz;
    }
}

int main(void) {
    Body bodies[5] = {
        make(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0),
        make(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05, 9.54791938424326609e-04),
        make(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05, 2.85885980666130812e-04),
        make(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05, 4.36624404335156298e-05),
        make(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05, 5.15138902046611451e-05),
    };
    double px = 0.0, py = 0.0, pz = 0.0;
    for (int i = 0; i < 5; i++) {
        px = px + bodies[i].vx * bodies[i].mass;
        py = py + bodies[i].vy * bodies[i].mass;
        pz = pz + bodies[i].vz * bodies[i].mass;
    }
    double solar = bodies[0].mass;
    bodies[0].vx = -px / solar;
    bodies[0].vy = -py / solar;
    bodies[0].vz = -pz / solar;
    long long before = (long long)(energy(bodies, 5) * 1000000000.0);
    for (int step = 0; step < STEPS; step++) advance(bodies, 5, 0.01);
    long long after = (long long)(energy(bodies, 5) * 1000000000.0);
    printf("energy before %llde-9, after %d steps %llde-9\n", before, STEPS, after);
    return 0;
}
