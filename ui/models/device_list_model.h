// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#pragma once

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

#include "inference/machine_probe.h"

/// The GPUs of this computer for Settings, each with its memory and, when it cannot run models, the reason.
class DeviceListModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Provided by Machine")
    Q_PROPERTY(int count READ count NOTIFY countChanged FINAL)

public:
    enum Role {
        IndexRole = Qt::UserRole + 1,
        NameRole,
        VendorRole,
        TypeRole,
        DriverRole,
        MemoryBytesRole,
        UsableRole,
        UnusableReasonRole,
        RecommendedRole, ///< what automatic selection would pick
    };
    Q_ENUM(Role)

    explicit DeviceListModel(QObject *parent = nullptr);

    void setDevices(const QList<ComputeDevice> &devices, int recommendedIndex);
    const QList<ComputeDevice> &devices() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const;

Q_SIGNALS:
    void countChanged();

private:
    QList<ComputeDevice> m_devices;
    int m_recommended = -1;
};
